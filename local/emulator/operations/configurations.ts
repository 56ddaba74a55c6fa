/**
 * What channels refer to, read-only: recording configurations (ListRecordingConfigurations,
 * GetRecordingConfiguration), playback restriction policies (List/GetPlaybackRestrictionPolicy) and
 * playback key pairs (List/GetPlaybackKeyPair). A world file holds channels, not these: a
 * configuration exists when a channel names it (as the session that recorded with it describes it,
 * or with defaults); the world holds no playback key pairs, so there are none to list.
 */
import { defaultRecordingConfiguration } from '../defaults.ts';
import { notFound } from '../errors.ts';
import type { EmulatorWorld } from '../world.ts';
import { paginate } from './pagination.ts';
import type { OperationHandler } from './types.ts';

type PageInput = { maxResults?: number; nextToken?: string };
type ArnInput = { arn: string };

/** Every recording configuration a channel names, by ARN, in ARN order. */
function recordingConfigurations(world: EmulatorWorld): Record<string, unknown>[] {
  const found = new Map<string, Record<string, unknown>>();
  for (const state of world.channels.values()) {
    const arn = state.channel.recordingConfigurationArn;
    if (!arn) continue;
    // A session's copy is what the world (or world file) says of it; else the defaults.
    const described = state.sessions.map((s) => s.recordingConfiguration).find((c): c is Record<string, unknown> => c?.arn === arn);
    if (!found.has(arn) || described) found.set(arn, described ?? defaultRecordingConfiguration(arn));
  }
  return [...found.values()].sort((a, b) => String(a.arn).localeCompare(String(b.arn)));
}

function playbackRestrictionPolicies(world: EmulatorWorld): Record<string, unknown>[] {
  const arns = new Set([...world.channels.values()].map((s) => s.channel.playbackRestrictionPolicyArn).filter(Boolean));
  return [...arns].sort().map((arn) => ({ arn, name: arn.split('/').pop() ?? '', allowedCountries: [], allowedOrigins: [], enableStrictOriginEnforcement: false, tags: {} }));
}

function listed(key: string, items: Record<string, unknown>[], input: PageInput, summary: (item: Record<string, unknown>) => Record<string, unknown>): object {
  const page = paginate(items, input, 100);
  return { [key]: page.items.map(summary), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

function pick(item: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.flatMap((k) => (item[k] === undefined ? [] : [[k, item[k]]])));
}

export const CONFIGURATION_OPERATIONS: Record<string, OperationHandler> = {
  ListRecordingConfigurations: (world, input) =>
    listed('recordingConfigurations', recordingConfigurations(world), input, (c) => pick(c, ['arn', 'name', 'destinationConfiguration', 'state', 'tags'])),
  GetRecordingConfiguration: (world, input) => {
    const { arn } = input as ArnInput;
    const recordingConfiguration = recordingConfigurations(world).find((c) => c.arn === arn);
    if (!recordingConfiguration) throw notFound('Recording configuration', arn);
    return { recordingConfiguration };
  },
  ListPlaybackRestrictionPolicies: (world, input) => listed('playbackRestrictionPolicies', playbackRestrictionPolicies(world), input, (p) => p),
  GetPlaybackRestrictionPolicy: (world, input) => {
    const { arn } = input as ArnInput;
    const playbackRestrictionPolicy = playbackRestrictionPolicies(world).find((p) => p.arn === arn);
    if (!playbackRestrictionPolicy) throw notFound('Playback restriction policy', arn);
    return { playbackRestrictionPolicy };
  },
  ListPlaybackKeyPairs: (_world, input) => listed('keyPairs', [], input, (k) => k),
  GetPlaybackKeyPair: (_world, input) => {
    throw notFound('Playback key pair (a world holds none)', (input as ArnInput).arn);
  },
};
