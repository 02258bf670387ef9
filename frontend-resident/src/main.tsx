import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTextSize, storedTextSize } from './lib/textSize';
import './styles.css';

// Before the first paint, so that a page read at 特大 never flashes at the standard size.
applyTextSize(storedTextSize());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
