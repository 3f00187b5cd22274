// Resolver types from schema.graphql (npm run codegen); the shape every department's codegen.ts has.
import { resolverCodegen } from '@credit/schema/resolver-codegen';

export default resolverCodegen(import.meta.url, {
  Measure: 'db/schema.js#MeasureRow',
  RedListEntry: 'red-list.js#RedListEntry',
});
