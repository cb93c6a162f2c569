// ESLint, run by `npm run build` (so by Maven): TypeScript, the rules of hooks, and the layers of
// src/ (see README.md): app/ → features/ → components/, lib/, api/, with no import cycles.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { defineConfig } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const src = path.join(import.meta.dirname, 'src');
const features = readdirSync(path.join(src, 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const publicEntry = (feature) => `./${feature}/index.ts`;

/** import-x/no-restricted-paths zones: who may import whom (paths relative to this file). */
const layers = [
  // (a) A feature reaches another feature only through its public entry, index.ts.
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`, ...features.filter((other) => other !== feature).map(publicEntry)],
    message: 'A feature imports another feature only through its index.ts (features/<name>/index.ts).',
  })),
  // So does app/.
  {
    target: './src/app',
    from: './src/features',
    except: features.map(publicEntry),
    message: 'app/ imports a feature only through its index.ts (features/<name>/index.ts).',
  },
  // (b) Shared code knows nothing of the features or the app that use it.
  {
    target: ['./src/components', './src/lib', './src/api'],
    from: ['./src/features', './src/app'],
    message: 'components/, lib/ and api/ are shared: they may not import features/ or app/.',
  },
  // (c) Nothing below app/ imports app/ (main.tsx and test/renderApp.tsx, above it, do).
  {
    target: ['./src/features', './src/components', './src/lib', './src/api'],
    from: './src/app',
    message: 'Only main.tsx and test/ import app/; everything else sits below it.',
  },
  // Fixtures are answers of the API, typed by its schema: test/ does not reach into features.
  {
    target: './src/test',
    from: './src/features',
    message: 'test/ types fixtures with the API schema (api/client Schemas), not with feature modules.',
  },
];

export default defineConfig(
  { ignores: ['node/', 'node_modules/', 'target/', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked, reactHooks.configs.flat.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle reads the modules it follows: TypeScript ones need the TypeScript parser.
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // As tsc's noUnusedLocals: `const { secret: _, ...rest } = values` leaves a field out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      'import-x/no-restricted-paths': ['error', { zones: layers }],
      // (d) No cycles anywhere in src; type-only imports vanish at build time and do not count.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
