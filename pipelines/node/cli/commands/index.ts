/** Every `winnow` subcommand, in the order `winnow --help` lists them. Adding one: a file here, a line below. */
import { registerCache } from './cache';
import type { RegisterCommand } from './command';
import { registerDrift } from './drift';
import { registerDuplicates } from './duplicates';
import { registerGx } from './gx';
import { registerLabels } from './labels';
import { registerOutliers } from './outliers';
import { registerProfile } from './profile';
import { registerRun } from './run';
import { registerSchema } from './schema';
import { registerServe } from './serve';
import { registerSlices } from './slices';
import { registerSteps } from './steps';
import { registerSuggest } from './suggest';
import { registerValidate } from './validate';
import { registerVerify } from './verify';

export const commands: RegisterCommand[] = [
  registerRun,
  registerVerify,
  registerValidate,
  registerProfile,
  registerSuggest,
  registerDrift,
  registerSlices,
  registerOutliers,
  registerLabels,
  registerDuplicates,
  registerGx,
  registerServe,
  registerCache,
  registerSteps,
  registerSchema,
];
