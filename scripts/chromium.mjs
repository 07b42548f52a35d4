// Debian's Chromium, as every browser test and benchmark launches it (installed by scripts/setup.sh; never a
// downloaded browser). The flags keep it from reaching for the network, which this machine's sandbox refuses.
export const CHROMIUM = process.env.CSKIT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
