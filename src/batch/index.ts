export { poolMany, poolManyRows, POOL_MANY_METHODS, POOL_MANY_FIGURES, isPoolManyMethod } from './poolMany.js';
export type { PoolManyColumns, PoolManyOptions, PoolManyResult, PoolManyRow, PoolManyMethod } from './poolMany.js';
export { poolByGroup } from './poolByGroup.js';
export type { PoolByGroupOptions, PoolByGroupResult } from './poolByGroup.js';
