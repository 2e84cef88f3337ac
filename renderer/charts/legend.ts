/** The in-SVG legend lives in the core, shared with report.html: pipelines/charts/legend.ts. */
export * from '../../pipelines/charts/legend';
