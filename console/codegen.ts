/**
 * Typed operations (graphql-codegen client preset) against the composed contract,
 * ../schema/supergraph.graphql. `npm run codegen -w @credit/console`; the output is committed.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Operations travel as strings: the main bundle carries no GraphQL parser.
        documentMode: 'string',
        enumsAsTypes: true,
        onlyOperationTypes: true,
        useTypeImports: true,
        scalars: { Date: 'string', DateTime: 'string' },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};
export default config;
