/**
 * Extension point of the Opsdeck cost backend, for modules that read other
 * billing file formats (Parquet) or pull exports from a cloud billing API.
 *
 * @packageDocumentation
 */

export * from './focusFormatReader';
export * from './costBillingSource';
export * from './extensionPoint';
export * from './byteLimit';
