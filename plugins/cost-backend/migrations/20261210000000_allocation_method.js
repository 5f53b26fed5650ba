// @ts-check

/**
 * The FOCUS 1.3 `AllocatedMethodId` of split-cost rows becomes a dimension of
 * the daily aggregates ('' for spend that was not split), so a breakdown can
 * show how much of an entity's cost was allocated to it from shared
 * resources, and by which method.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const name of ['cost_daily', 'cost_staging']) {
    await knex.schema.alterTable(name, table => {
      table.text('allocation_method').notNullable().defaultTo('');
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of ['cost_daily', 'cost_staging']) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('allocation_method');
    });
  }
};
