// @ts-check

/**
 * Incidents linked to the deployment that caused them: such a deployment
 * counts as a change failure even when it succeeded.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_incidents', table => {
    table.comment('Incident to deployment links, one row per pair');
    table.string('deployment_key', 64).notNullable();
    table
      .string('incident_ref', 400)
      .notNullable()
      .comment('Id of the incident in the system that owns it');
    table.bigInteger('linked_at').notNullable();
    table.primary(['deployment_key', 'incident_ref']);
  });
  await knex.schema.alterTable('deployments', table => {
    table
      .integer('incidents')
      .notNullable()
      .defaultTo(0)
      .comment('Number of linked incidents');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('incidents');
  });
  await knex.schema.dropTable('deployment_incidents');
};
