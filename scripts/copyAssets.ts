import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The build's second step: tsc emits JavaScript only, and the packages read their GraphQL schemas as
// files next to their code; each is copied to the same place under dist/.
const root = fileURLToPath(new URL('../', import.meta.url));
const build = JSON.parse(await readFile(join(root, 'tsconfig.build.json'), 'utf8')) as {
  references: { path: string }[];
};
for (const { path } of build.references) {
  const project = join(root, path);
  const { compilerOptions, include } = JSON.parse(await readFile(project, 'utf8')) as {
    compilerOptions: { rootDir: string; outDir: string };
    include: string[];
  };
  const folder = dirname(project);
  for (const included of include) {
    for (const file of await readdir(join(folder, included), { recursive: true })) {
      if (!file.endsWith('.graphql')) continue;
      const source = join(folder, included, file);
      const target = join(folder, compilerOptions.outDir, relative(join(folder, compilerOptions.rootDir), source));
      await mkdir(dirname(target), { recursive: true });
      await copyFile(source, target);
    }
  }
}
