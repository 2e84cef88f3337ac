/** Parsers for the commands' options, each failing with one line that names the option. */
import { WinnowError } from '../../errors';
import { didYouMean } from '../../spec/did-you-mean';
import type { Column } from '../../table/column';

/** A comma-separated list of column names, for an option. */
export function columnList(option: string, example = 'a,b') {
  return (value: string): string[] => {
    const names = value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    if (names.length === 0) throw new WinnowError(`${option}: give column names separated by commas, e.g. ${option} ${example}`, { field: option }, 'spec');
    return names;
  };
}

/** A whole number of at least `least`, for an option. */
export function wholeNumber(option: string, least: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < least)
      throw new WinnowError(`${option}: "${value}" is not a whole number of at least ${least}`, { field: option }, 'spec');
    return number;
  };
}

/** Throws, naming the option, for a column the dataset does not have. */
export function requireColumns(columns: Column[], names: string[], option: string): void {
  const known = columns.map((column) => column.name);
  for (const name of names) {
    if (!known.includes(name)) throw new WinnowError(`no column "${name}"${didYouMean(name, known)} (columns: ${known.join(', ')})`, { field: option }, 'spec');
  }
}
