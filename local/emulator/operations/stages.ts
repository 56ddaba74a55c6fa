/**
 * IVS real-time stages and their sessions: GetStage, ListStages, GetStageSession, ListStageSessions.
 * ListStageSessions models no ResourceNotFoundException: a stage the world does not know has no sessions.
 */
import { notFound } from '../errors.ts';
import type { Stage } from '../types.ts';
import { paginate } from './pagination.ts';
import { stageOrThrow } from './participants.ts';
import type { OperationHandler } from './types.ts';

type PageInput = { maxResults?: number; nextToken?: string };

/** The models' default page size for ListStages and ListStageSessions. */
const DEFAULT_PAGE = 50;

const getStage: OperationHandler = (world, input) => {
  const { arn } = input as { arn: string };
  return { stage: stageOrThrow(world, arn).stage };
};

/** `StageSummary`: what ListStages says of each stage. */
function toSummary({ arn, name, activeSessionId, tags }: Stage): Record<string, unknown> {
  return { arn, ...(name !== undefined ? { name } : {}), ...(activeSessionId ? { activeSessionId } : {}), tags };
}

const listStages: OperationHandler = (world, input) => {
  const page = paginate([...world.stages.values()], input as PageInput, DEFAULT_PAGE);
  return { stages: page.items.map((s) => toSummary(s.stage)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

const getStageSession: OperationHandler = (world, input) => {
  const { stageArn, sessionId } = input as { stageArn: string; sessionId: string };
  const session = stageOrThrow(world, stageArn).sessions.find((s) => s.sessionId === sessionId);
  if (!session) throw notFound('Stage session', `${sessionId} of ${stageArn}`);
  return { stageSession: session };
};

/** Most recent first, as ListStreamSessions lists a channel's sessions. */
const listStageSessions: OperationHandler = (world, input) => {
  const { stageArn } = input as { stageArn: string };
  const sessions = [...(world.stages.get(stageArn)?.sessions ?? [])].reverse();
  const page = paginate(sessions, input as PageInput, DEFAULT_PAGE);
  return { stageSessions: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

export const STAGE_OPERATIONS: Record<string, OperationHandler> = {
  GetStage: getStage,
  ListStages: listStages,
  GetStageSession: getStageSession,
  ListStageSessions: listStageSessions,
};
