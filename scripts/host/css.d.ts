// Stylesheets imported as text (`with { type: "text" }`), bundled by esbuild.
declare module "*.css" {
  const text: string;
  export default text;
}
