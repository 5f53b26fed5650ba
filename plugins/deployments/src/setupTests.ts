import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Tables render slowly on busy machines: wait longer than the default second.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
