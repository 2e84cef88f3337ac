/** Numbers as the charts show them live in the core, shared with report.html: pipelines/charts/format.ts. */
export * from '../../pipelines/charts/format';
