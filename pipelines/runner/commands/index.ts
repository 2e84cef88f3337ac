/** Every `winnow` subcommand, in the order `winnow --help` lists them. Adding one: a file here, a line below. */
import type { RegisterCommand } from './command';
import { registerRun } from './run';
import { registerSchema } from './schema';
import { registerSteps } from './steps';
import { registerValidate } from './validate';
import { registerVerify } from './verify';

export const commands: RegisterCommand[] = [registerRun, registerVerify, registerValidate, registerSteps, registerSchema];
