import { cellToBoundary } from 'h3-js';
import { GraphQLError } from 'graphql';
import { aggregateDatasets, codedError } from '@tessera/policies';
import type { HotspotAnswer } from '@tessera/runtime';
import type { GatewayContext } from '../context.ts';
import type { DeskClient } from '../forward/deskClient.ts';

interface HotspotArguments {
  readonly area: { south: number; west: number; north: number; east: number };
  readonly from: string;
  readonly to: string;
  readonly categories?: readonly string[] | null;
  readonly resolution: number;
}

/**
 * The hotspot map: each owner that counts a dataset is asked for its counts, under its own aggregate
 * clauses, with the caller's identity; the answers become one GeoJSON FeatureCollection. An owner that
 * releases nothing to the caller is listed as such; a question an owner finds malformed is refused whole.
 */
export function hotspotResolvers(call: DeskClient) {
  return {
    Query: {
      async hotspots(_: unknown, args: HotspotArguments, context: GatewayContext) {
        const asked = await Promise.all(
          aggregateDatasets().map(async ({ owner, dataset }) => {
            try {
              const answer = await call<HotspotAnswer>(owner, context.identity, {
                action: 'hotspots',
                dataset,
                ...args.area,
                from: args.from,
                to: args.to,
                categories: args.categories ?? null,
                resolution: args.resolution,
              });
              return { owner, dataset, answer };
            } catch (error) {
              if (error instanceof GraphQLError && error.extensions.code === 'FORBIDDEN') {
                return { owner, dataset, withheld: error.message };
              }
              throw error;
            }
          }),
        );
        const answers = asked.flatMap((each) => (each.answer ? [each.answer] : []));
        if (answers.length === 0)
          throw codedError('FORBIDDEN', 'No owner’s clause releases counts to you for this purpose.');
        return {
          type: 'FeatureCollection',
          features: answers.flatMap((answer) =>
            answer.cells.map((cell) => ({
              type: 'Feature',
              geometry: { type: 'Polygon', coordinates: [cellToBoundary(cell.cell, true)] },
              properties: { ...cell, owner: answer.owner, dataset: answer.dataset },
            })),
          ),
          sources: asked.map(({ owner, dataset, answer, withheld }) =>
            answer
              ? {
                  owner,
                  dataset,
                  clause: answer.clause,
                  legalBasis: answer.legalBasis,
                  k: answer.k,
                  resolution: answer.resolution,
                  from: answer.from,
                  to: answer.to,
                }
              : { owner, dataset, withheld },
          ),
        };
      },
    },
  };
}
