// @ts-check

/**
 * Deployment events as reported by pipelines and providers. Times are epoch
 * milliseconds so that ordering and ranges behave the same on every database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_events', table => {
    table.comment('Deployment events, one row per event id');
    table.bigIncrements('id').primary();
    table
      .string('event_id', 200)
      .notNullable()
      .unique({ indexName: 'deployment_events_event_id_uniq' })
      .comment('Sender-chosen unique id: makes delivery idempotent');
    table
      .string('deployment_key', 64)
      .notNullable()
      .comment('Groups the events of one deployment');
    table
      .string('deployments_id', 400)
      .notNullable()
      .comment('Entity ref (or opsdeck.io/deployments-id) the event is for');
    table.string('environment', 63).notNullable();
    table.string('version', 200).notNullable();
    table.string('commit_sha', 64).notNullable();
    table.bigInteger('commit_time').nullable();
    table.string('status', 16).notNullable();
    table.string('strategy', 16).notNullable();
    table.integer('step').nullable();
    table.float('traffic_weight').nullable();
    table.string('actor', 200).nullable();
    table.text('run_url').nullable();
    table.bigInteger('event_time').notNullable().comment('When it happened');
    table.bigInteger('received_at').notNullable().comment('When it arrived');
    table.string('source', 32).notNullable().defaultTo('api');
    table.index(
      ['deployments_id', 'environment', 'event_time'],
      'deployment_events_entity_env_time_idx',
    );
    table.index(
      ['deployments_id', 'event_time'],
      'deployment_events_entity_time_idx',
    );
    table.index(['deployment_key'], 'deployment_events_deployment_key_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_events');
};
