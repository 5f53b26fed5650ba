// @ts-check

/**
 * Every billing account (FOCUS SubAccountId, else BillingAccountId) imported
 * spend was billed to, so telling a known account from an unknown one does
 * not scan the daily aggregates. Filled from the existing aggregates.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_accounts', table => {
    table.comment('Billing accounts imported spend was billed to');
    table.text('account').notNullable().primary();
  });
  await knex.raw(
    'INSERT INTO cost_accounts (account) SELECT DISTINCT account FROM cost_daily',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_accounts');
};
