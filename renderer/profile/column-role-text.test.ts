import { describe, expect, it } from 'vitest';
import { classValue, roleBadge } from './column-role-text';

describe('column role text', () => {
  it('reads a typed positive class as the label column holds it', () => {
    expect(classValue('1', 'BIGINT')).toBe(1);
    expect(classValue('1.0', 'DOUBLE')).toBe(1);
    expect(classValue('TRUE', 'BOOLEAN')).toBe(true);
    expect(classValue('false', 'BOOLEAN')).toBe(false);
    expect(classValue('1', 'VARCHAR')).toBe('1');
    expect(classValue('yes', 'BIGINT')).toBe('yes');
    expect(classValue('Infinity', 'DOUBLE')).toBe('Infinity');
    expect(classValue('0x10', undefined)).toBe('0x10');
  });

  it('badges a score with the class it is for', () => {
    expect(roleBadge({ role: 'score', positive: true })).toBe('score · true');
    expect(roleBadge({ role: 'score', scoreOf: 'cat' })).toBe('score of cat');
    expect(roleBadge({ role: 'features' })).toBe('feature');
    expect(roleBadge({ role: 'id' })).toBe('id');
  });
});
