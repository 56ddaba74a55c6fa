import 'aws-sdk-client-mock-vitest/extend';

// Metrics are asserted through the pipeline's port; the Powertools sink stays quiet in tests.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
