/** The charts' colours live in the core, shared with report.html: pipelines/charts/palette.ts. */
export * from '../../pipelines/charts/palette';
