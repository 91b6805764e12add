// ESLint for the theme's JavaScript (browser ES modules) and its unit tests (Node). Run by
// `make test` through `make lint-js`; see docs/theme.md, "JavaScript".
import js from "@eslint/js";
import globals from "globals";

export default [
  // Built sites, Pagefind's bundles and installed packages are not ours to lint.
  { ignores: ["output/", "cache/", "test-artifacts/", ".venv/", "node_modules/", "**/pagefind/"] },
  js.configs.recommended,
  {
    files: ["theme/static/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];
