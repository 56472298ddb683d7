import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The UI is served by `cairn server` from dist/ at `/`; `npm run dev -w @cairn/web` proxies
// the API to a server on the default port while working on it.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": "http://127.0.0.1:5000",
      "/ajax-api": "http://127.0.0.1:5000",
      "/get-artifact": "http://127.0.0.1:5000",
      "/model-versions": "http://127.0.0.1:5000",
    },
  },
});
