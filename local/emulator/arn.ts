/**
 * IVS ARNs: `arn:aws:ivs:<region>:<account>:<resource-type>/<id>`.
 */

export interface ArnParts {
  region: string;
  account: string;
  resourceType: string;
  resourceId: string;
}

const ARN = /^arn:aws:ivs:([a-z0-9-]+):([0-9]+):([a-z-]+)\/([a-zA-Z0-9-]+)$/;

/** The parts of an IVS ARN, or undefined when it is not one. */
export function parseArn(arn: string): ArnParts | undefined {
  const match = ARN.exec(arn);
  if (!match) return undefined;
  const [, region = '', account = '', resourceType = '', resourceId = ''] = match;
  return { region, account, resourceType, resourceId };
}
