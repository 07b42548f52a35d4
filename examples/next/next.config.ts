import type { NextConfig } from 'next';

// The @cskit packages are used as an app would use them: their builds (dist), through their package exports.
const config: NextConfig = {
  reactStrictMode: true,
};

export default config;
