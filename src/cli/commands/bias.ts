// Placeholder until issue #4 lands: the command exists in the registry but is not built yet.
import { MetasynthError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'bias',
  summary: 'not available yet (issue #4)',
  usage: 'metasynth bias',
  options: [],
  async run() {
    throw new MetasynthError('usage', 'bias: not available yet (issue #4)');
  },
};
