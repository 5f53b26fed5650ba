// @ts-check

/**
 * Budget alerts already sent: one row per entity, month, kind (actual or
 * forecast) and threshold, so each is notified once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_budget_alerts', table => {
    table.comment('Budget threshold crossings already notified');
    table.string('entity_ref', 255).notNullable();
    table.string('month', 7).notNullable().comment('YYYY-MM');
    table.string('kind', 8).notNullable().comment('actual or forecast');
    table.integer('threshold_percent').notNullable();
    table.double('amount').notNullable().comment('spend that crossed it');
    table.string('currency', 3).notNullable();
    table.string('sent_at', 30).notNullable();
    table.primary(['entity_ref', 'month', 'kind', 'threshold_percent']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_budget_alerts');
};
