// @ts-check

/**
 * Daily cost aggregates, the staging table imports write into before their
 * atomic swap, and one row per imported (source, billing period).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  /** @param {import('knex').Knex.CreateTableBuilder} table */
  const dimensions = table => {
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('billing_period_start', 10).notNullable();
    table.string('currency', 3).notNullable();
    table.text('component').notNullable();
    table.text('owner').notNullable();
    table.text('system').notNullable();
    table.text('environment').notNullable();
    table.text('tags').notNullable().comment('canonical JSON of all tags');
    table.text('service_name').notNullable();
    table.text('service_category').notNullable();
    table.text('region').notNullable();
    table.text('account').notNullable();
    table.text('resource_id').notNullable();
    table.string('charge_category', 16).notNullable();
    table.string('pricing_category', 16).notNullable();
    table.string('commitment_status', 8).notNullable();
    table.double('billed_cost').notNullable();
    table.double('effective_cost').notNullable();
    table.double('list_cost').notNullable();
    table.double('consumed_quantity').nullable();
    table.bigInteger('row_count').notNullable();
  };

  await knex.schema.createTable('cost_periods', table => {
    table.comment('One row per imported billing period of a source');
    table.string('source', 1024).notNullable();
    table.string('billing_period_start', 10).notNullable();
    table.string('import_id', 36).notNullable();
    table.string('currency', 3).nullable();
    table.bigInteger('row_count').notNullable();
    table.double('effective_cost').notNullable();
    table.string('imported_at', 30).notNullable();
    table.primary(['source', 'billing_period_start']);
  });

  await knex.schema.createTable('cost_staging', table => {
    table.comment('Partial aggregates of imports in progress');
    table.string('import_id', 36).notNullable();
    dimensions(table);
    table.index(['import_id'], 'cost_staging_import_idx');
  });

  await knex.schema.createTable('cost_daily', table => {
    table.comment('Daily cost aggregates attributed through tags');
    table.string('source', 1024).notNullable();
    dimensions(table);
    table.index(['source', 'billing_period_start'], 'cost_daily_period_idx');
    table.index(['component', 'day'], 'cost_daily_component_idx');
    table.index(['system', 'day'], 'cost_daily_system_idx');
    table.index(['owner', 'day'], 'cost_daily_owner_idx');
    table.index(['day'], 'cost_daily_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_daily');
  await knex.schema.dropTable('cost_staging');
  await knex.schema.dropTable('cost_periods');
};
