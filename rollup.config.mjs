import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/**
 * dist/chat.js           the embed: registers <chat-launcher>; <chat-window> is a lazy chunk
 * dist/chat-window.js    <chat-window> alone, for pages that embed the messenger inline
 * dist/operator-panel.js <operator-panel>
 * Shared code (Lit, the tRPC client) lands in shared chunks, loaded once.
 * esbuild strips the types; terser minifies (it compresses a little smaller than esbuild).
 */
/** Collapses the whitespace and comments of Lit `css` templates; `${...}` parts are left as they are. */
function minifyCss() {
  const squeeze = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/: /g, ':');
  return {
    name: 'minify-css',
    transform(code, id) {
      if (!/\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = code.replace(/\bcss`([^`]*)`/g, (_, body) => `css\`${body.split(/(\$\{[^}]*\})/).map((part, i) => (i % 2 ? part : squeeze(part))).join('')}\``);
      return { code: out, map: null };
    },
  };
}

export default {
  input: {
    chat: 'widget/src/index.ts',
    'chat-window': 'widget/src/window.ts',
    'operator-panel': 'widget/src/operator.ts',
    admin: 'widget/src/admin.ts',
  },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [
    resolve({ browser: true }),
    minifyCss(),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
    terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.ids?.[0] ?? '')) return;
    warn(warning);
  },
};
