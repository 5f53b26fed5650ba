/**
 * OpenSLO parsing, SLO math, Prometheus rule generation and the types shared
 * by the Opsdeck SLO plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './errorBudgetGate';
