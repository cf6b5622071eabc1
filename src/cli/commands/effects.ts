// Placeholder until issue #2 lands: the command exists in the registry but is not built yet.
import { MetasynthError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'effects',
  summary: 'not available yet (issue #2)',
  usage: 'metasynth effects',
  options: [],
  async run() {
    throw new MetasynthError('usage', 'effects: not available yet (issue #2)');
  },
};
