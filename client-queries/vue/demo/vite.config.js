// Builds the Vue demo. Only the ids of the persisted `vue` operations the page runs are
// embedded (as __PERSISTED_IDS__), never their text: the manifest is read at build time from
// PAWGRAPH_MANIFEST or ../../manifest.json (client-queries/manifest.json, `pawgraph persisted build`).
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const here = dirname(fileURLToPath(import.meta.url))
const CLIENT = 'vue'
const OPERATIONS = ['MyPets', 'PetDashboard']

function persistedIds() {
  const path = process.env.PAWGRAPH_MANIFEST || resolve(here, '../../manifest.json')
  const manifest = JSON.parse(readFileSync(path, 'utf8'))
  const ids = {}
  for (const name of OPERATIONS) {
    const op = manifest.operations.find((o) => o.clientName === CLIENT && o.name === name)
    if (!op) throw new Error(`${path}: no persisted ${CLIENT} operation named ${name}`)
    ids[name] = op.id
  }
  return ids
}

export default defineConfig({
  base: './',
  plugins: [vue()],
  define: { __PERSISTED_IDS__: JSON.stringify(persistedIds()) },
  build: { outDir: 'dist', emptyOutDir: true },
})
