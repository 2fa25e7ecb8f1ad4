// The bench page imports the canvas, whose stylesheets Vite bundles.
declare module "*.css";
