/**
 * Deploys a packaged stack the way `serverless deploy` does, with the AWS SDK against an AWS
 * endpoint (moto): the create template (the deployment bucket), the artifacts into the bucket at
 * the keys the template names, then the full template; and takes it down again.
 */
import { readFileSync } from 'node:fs';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type StackResource,
} from '@aws-sdk/client-cloudformation';
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LambdaClient, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PackagedStack } from './template.ts';

/** How every SDK client of the stack reaches the AWS endpoint: dummy credentials, short timeouts. */
export function awsConfig(endpoint: string, region: string) {
  return {
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIDIVSGUARDSTACK', secretAccessKey: 'ivs-guard-stack-secret' },
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
  } as const;
}

const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
const STACK_WAIT_MS = 120_000;

/** The deployed stack's resources: logical id -> physical id. */
export type DeployedResources = ReadonlyMap<string, string>;

/** Deploys `stack`; resolves with its resources once the update is complete. */
export async function deployStack(stack: PackagedStack, endpoint: string, say: (line: string) => void): Promise<DeployedResources> {
  const config = awsConfig(endpoint, stack.region);
  const cloudformation = new CloudFormationClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  try {
    say(`creating stack ${stack.stackName}`);
    await cloudformation.send(new CreateStackCommand({ StackName: stack.stackName, TemplateBody: stack.createTemplate, Capabilities: [...CAPABILITIES] }));
    await waitForStack(cloudformation, stack.stackName, 'CREATE_COMPLETE');
    const bucket = (await resourcesOf(cloudformation, stack.stackName)).get(stack.bucketLogicalId);
    if (!bucket) throw new Error(`stack ${stack.stackName} has no ${stack.bucketLogicalId} bucket after creation`);
    for (const fn of stack.functions) {
      say(`uploading ${fn.zipPath} to s3://${bucket}/${fn.s3Key}`);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: fn.s3Key, Body: readFileSync(fn.zipPath) }));
    }
    say(`updating stack ${stack.stackName} (${stack.functions.length} functions)`);
    await cloudformation.send(new UpdateStackCommand({ StackName: stack.stackName, TemplateBody: stack.updateTemplate, Capabilities: [...CAPABILITIES] }));
    await waitForStack(cloudformation, stack.stackName, 'UPDATE_COMPLETE');
    return await resourcesOf(cloudformation, stack.stackName);
  } finally {
    cloudformation.destroy();
    s3.destroy();
  }
}

/**
 * Turns the endpoint's own event source mappings off: moto would receive the messages (counting a
 * receive each time) and try to run the function in Docker. The stack polls in their place.
 */
export async function disableEndpointMappings(endpoint: string, region: string): Promise<number> {
  const lambda = new LambdaClient(awsConfig(endpoint, region));
  try {
    const { EventSourceMappings: mappings = [] } = await lambda.send(new ListEventSourceMappingsCommand({}));
    for (const mapping of mappings) {
      if (mapping.UUID) await lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, Enabled: false }));
    }
    return mappings.length;
  } finally {
    lambda.destroy();
  }
}

/** Empties the deployment bucket and deletes the stack (the retained ledger table stays, as on AWS). */
export async function deleteStack(stack: PackagedStack, resources: DeployedResources, endpoint: string): Promise<void> {
  const config = awsConfig(endpoint, stack.region);
  const cloudformation = new CloudFormationClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  try {
    const bucket = resources.get(stack.bucketLogicalId);
    if (bucket) {
      const { Contents: objects = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      for (const object of objects) if (object.Key) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
    }
    await cloudformation.send(new DeleteStackCommand({ StackName: stack.stackName }));
  } finally {
    cloudformation.destroy();
    s3.destroy();
  }
}

async function waitForStack(cloudformation: CloudFormationClient, stackName: string, goal: string): Promise<void> {
  const deadline = Date.now() + STACK_WAIT_MS;
  for (;;) {
    const { Stacks: stacks = [] } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const status = stacks[0]?.StackStatus ?? 'UNKNOWN';
    if (status === goal) return;
    if (!status.endsWith('_IN_PROGRESS')) {
      throw new Error(`stack ${stackName} is ${status}, not ${goal}${stacks[0]?.StackStatusReason ? `: ${stacks[0].StackStatusReason}` : ''}`);
    }
    if (Date.now() > deadline) throw new Error(`stack ${stackName} still ${status} after ${STACK_WAIT_MS / 1000} s`);
    await sleep(250);
  }
}

async function resourcesOf(cloudformation: CloudFormationClient, stackName: string): Promise<DeployedResources> {
  const { StackResources: resources = [] } = await cloudformation.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  return new Map(resources.filter((r): r is StackResource & { LogicalResourceId: string; PhysicalResourceId: string } => Boolean(r.LogicalResourceId && r.PhysicalResourceId)).map((r) => [r.LogicalResourceId, r.PhysicalResourceId]));
}
