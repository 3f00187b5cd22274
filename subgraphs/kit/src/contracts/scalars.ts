/** The graph's custom scalars, declared once in the schema package so the gateway checks with the same rules. */
export { DateScalar, DateTimeScalar } from '@credit/schema/scalars';
