// ESLint for the resident SPA: src, e2e, webkit, scripts and the config files. The staff SPA's
// `npm run lint` lints ../frontend-shared (see frontend-staff/eslint.config.js).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * A feature never imports another feature: files under src/features/<name>/ may not
 * import from src/features/<other>/. What two features share lives in src/components/,
 * src/lib/ or ../frontend-shared/. One no-restricted-imports setting per folder inside
 * each feature, since an import is matched as written: from src/features/a/ another
 * feature is `../b/…`, from src/features/a/x/ it is `../../b/…`, and from anywhere
 * `…/features/b/…`. Dynamic import() is checked too.
 */
function featureBoundaries(root) {
  const featuresDir = join(root, 'src/features');
  const features = readdirSync(featuresDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const folders = (dir) => [
    dir,
    ...readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => folders(join(dir, entry.name))),
  ];
  return features.flatMap((feature) => {
    const others = features.filter((other) => other !== feature);
    if (others.length === 0) return [];
    const names = others.map(escape).join('|');
    return folders(join(featuresDir, feature)).map((dir) => {
      const up = escape(relative(dir, featuresDir)); // "..", "../..", …
      // Slashes written \x2F: the selector below has the pattern between slashes.
      const regex = `^(${up}/|.*/features/)(${names})(/|$)`.replaceAll('/', '\\x2F');
      const message = `A feature never imports another feature (this is ${feature}): move what both need to src/components/ or src/lib/.`;
      return {
        name: `madoguchi/feature-boundary/${feature}`,
        files: [`${relative(root, dir)}/*.{ts,tsx}`],
        rules: {
          'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
          'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=/${regex}/]`, message }],
        },
      };
    });
  });
}

export default defineConfig(
  { ignores: ['dist/', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  { files: ['src/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
  { files: ['src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  { files: ['e2e/**', 'webkit/**', 'scripts/**', '*.config.{js,ts}'], languageOptions: { globals: globals.node } },
  featureBoundaries(import.meta.dirname),
);
