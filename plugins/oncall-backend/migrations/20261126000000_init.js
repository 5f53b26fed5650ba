// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oncall_overrides', table => {
    table.comment('Shifts swapped through the API, above every rotation layer');
    table.string('id', 36).primary();
    table
      .string('rotation_entity_ref', 400)
      .notNullable()
      .comment('The Group or Component whose rotation file this overrides');
    table.string('schedule', 63).notNullable();
    table.string('user_ref', 400).notNullable();
    table.timestamp('start_at', { useTz: true }).notNullable();
    table.timestamp('end_at', { useTz: true }).notNullable();
    table.string('created_by', 400).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(
      ['rotation_entity_ref', 'end_at'],
      'oncall_overrides_ref_end_idx',
    );
  });

  await knex.schema.createTable('oncall_incidents', table => {
    table.comment('Incidents of the built-in provider');
    table.string('id', 36).primary();
    table.string('entity_ref', 400).notNullable();
    table.string('title', 200).notNullable();
    table.text('description').nullable();
    table.string('severity', 16).notNullable();
    table.string('urgency', 8).notNullable();
    table.string('status', 16).notNullable();
    table.string('assignee_ref', 400).nullable();
    table.string('deployment_id', 200).nullable();
    table.string('created_by', 400).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.index(['entity_ref', 'status'], 'oncall_incidents_entity_status_idx');
    table.index(['created_at'], 'oncall_incidents_created_idx');
  });

  await knex.schema.createTable('oncall_incident_timeline', table => {
    table.comment('State changes and notes of an incident, append-only');
    table.bigIncrements('id').primary();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('oncall_incidents')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('author', 400).notNullable();
    table.string('type', 8).notNullable();
    table.string('status', 16).nullable();
    table.text('text').nullable();
    table.index(['incident_id'], 'oncall_incident_timeline_incident_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oncall_incident_timeline');
  await knex.schema.dropTable('oncall_incidents');
  await knex.schema.dropTable('oncall_overrides');
};
