import { cellToBoundary } from 'h3-js';
import { GraphQLError } from 'graphql';
import { aggregateDatasets, codedError } from '@tessera/policies';
import type { AggregateSource, ForecastAnswer, HotspotAnswer, TrendAnswer } from '@tessera/runtime';
import type { GatewayContext } from '../context.ts';
import type { DeskClient } from '../forward/deskClient.ts';

interface Question {
  readonly area: { south: number; west: number; north: number; east: number };
  readonly categories?: readonly string[] | null;
  readonly resolution: number;
  readonly from?: string;
  readonly to?: string;
  readonly month?: string;
}

/** An owner refusing the caller, or not answering, costs its own counts only. */
const ownCountsOnly = new Set<unknown>(['FORBIDDEN', 'DOWNSTREAM_SERVICE_ERROR']);

/**
 * Maps, trends and forecasts: each owner that counts a dataset is asked, with the caller's identity,
 * under its own aggregate clauses; an owner that releases nothing to the caller, or does not answer,
 * is listed as such in the sources (its counts are missing, the others' stand), and a question an
 * owner finds malformed is refused whole.
 */
export function hotspotResolvers(call: DeskClient) {
  const ask = async <T extends AggregateSource>(action: string, question: Question, context: GatewayContext) => {
    const asked = await Promise.all(
      aggregateDatasets.map(async ({ owner, dataset }) => {
        try {
          const answer = await call<T>(owner, context.identity, {
            action,
            dataset,
            ...question.area,
            from: question.from,
            to: question.to,
            month: question.month,
            categories: question.categories ?? null,
            resolution: question.resolution,
          });
          return { owner, dataset, answer };
        } catch (error) {
          if (!(error instanceof GraphQLError) || !ownCountsOnly.has(error.extensions.code)) throw error;
          return { owner, dataset, withheld: error.message, failed: error };
        }
      }),
    );
    const answers = asked.flatMap((each) => (each.answer ? [each.answer] : []));
    if (answers.length === 0) {
      const unanswered = asked.find(({ failed }) => failed?.extensions.code === 'DOWNSTREAM_SERVICE_ERROR')?.failed;
      if (unanswered) throw unanswered;
      throw codedError('FORBIDDEN', 'No owner’s clause releases counts to you for this purpose.');
    }
    const sources = asked.map(({ owner, dataset, answer, withheld }) => {
      if (!answer) return { owner, dataset, withheld };
      const { clause, legalBasis, k, resolution, from, to } = answer;
      return { owner, dataset, clause, legalBasis, k, resolution, from, to };
    });
    return { answers, sources };
  };
  return {
    Query: {
      async hotspots(_: unknown, question: Question, context: GatewayContext) {
        const { answers, sources } = await ask<HotspotAnswer>('hotspots', question, context);
        return {
          type: 'FeatureCollection',
          features: answers.flatMap((answer) =>
            answer.cells.map((cell) => ({
              type: 'Feature',
              geometry: { type: 'Polygon', coordinates: [cellToBoundary(cell.cell, true)] },
              properties: { ...cell, owner: answer.owner, dataset: answer.dataset },
            })),
          ),
          sources,
        };
      },
      async trends(_: unknown, question: Question, context: GatewayContext) {
        const { answers, sources } = await ask<TrendAnswer>('trends', question, context);
        return {
          sources,
          cells: answers.flatMap((answer) =>
            answer.cells.map((cell) => ({
              ...cell,
              owner: answer.owner,
              dataset: answer.dataset,
              flag: cell.flag.toUpperCase(),
            })),
          ),
        };
      },
      async forecast(_: unknown, question: Question, context: GatewayContext) {
        const { answers, sources } = await ask<ForecastAnswer>('forecast', question, context);
        return {
          month: answers[0]!.month,
          method: answers[0]!.method,
          sources,
          hotspots: answers.flatMap((answer) =>
            answer.hotspots.map((hotspot) => ({ ...hotspot, owner: answer.owner, dataset: answer.dataset })),
          ),
          evaluations: answers.map(({ owner, dataset, evaluation }) => ({
            owner,
            dataset,
            months: evaluation.method.months,
            hitRate: evaluation.method.hitRate,
            pai: evaluation.method.pai,
            naiveHitRate: evaluation.naive.hitRate,
            naivePai: evaluation.naive.pai,
          })),
        };
      },
    },
  };
}
