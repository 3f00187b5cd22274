import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/audit/tables.ts',
  out: './drizzle',
  schemaFilter: ['gateway'],
});
