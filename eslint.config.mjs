import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tools/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='getInput']",
          message: 'Only src/inputs reads action inputs.'
        }
      ]
    }
  },
  {
    // The bundle's own code; tests and scripts may import what they like.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['http', 'node:http', 'https', 'node:https'].map((name) => ({
            name,
            allowTypeImports: true,
            message: `Take it with process.getBuiltinModule('node:${name.replace('node:', '')}'): importing it builds its ESM namespace, and node:http's WebSocket getters load Node's whole fetch stack (25-30 ms of every run that uses it).`
          }))
        }
      ]
    }
  },
  {
    files: ['src/inputs/**/*.ts', '__tests__/**/*.ts', '__fixtures__/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' }
  },
  {
    files: ['__tests__/**/*.ts'],
    // Test fakes implement Promise-returning ports: an async method with nothing to await is how.
    rules: { '@typescript-eslint/require-await': 'off' }
  },
  // Scripts, configs and jest's global setup are JavaScript outside tsconfig.json: untyped rules.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked }
)
