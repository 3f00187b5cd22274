import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * GraphiQL's stylesheet embeds its Roboto and Fira Code fonts as 34 base64 @font-face rules
 * (about 260 KiB gzip, incompressible). The IDE uses the console's own fonts instead.
 */
const dropGraphiqlFonts: Plugin = {
  name: 'drop-graphiql-fonts',
  enforce: 'pre',
  transform(code, id) {
    if (!/[\\/]graphiql[\\/]dist[\\/]style\.css$/.test(id.split('?')[0]!)) return null;
    return { code: code.replace(/@font-face\s*{[^}]*}/g, ''), map: null };
  },
};

/**
 * The console is served by the gateway at `/` (gateway/src/console-assets.ts), same origin, no
 * other host: everything, fonts and GraphiQL included, is bundled. `npm run dev` proxies the API
 * to a gateway on :4000.
 */
export default defineConfig(({ command }) => {
  // A build is a production build even when started from a shell or test runner with NODE_ENV=test.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});

const config = {
  plugins: [react(), dropGraphiqlFonts],
  base: '/',
  resolve: { dedupe: ['react', 'react-dom', 'graphql'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Long-lived vendor chunks; each page is its own lazy chunk (src/App.tsx).
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'antd', test: /[\\/]node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component|dayjs)[\\/]/ },
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000', '/health': 'http://127.0.0.1:4000' },
  },
} satisfies UserConfig;
