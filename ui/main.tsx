/**
 * The panel's entry: Figma's look, then the app. The colours are Figma's own `--figma-color-*`
 * variables, which Figma defines for the panel (with the `figma-light` / `figma-dark` class on
 * <html>) because the plugin opens it with `themeColors: true`
 * (https://developers.figma.com/docs/plugins/css-variables); the local host does the same.
 */
import "@create-figma-plugin/ui/css/base.css";
import "./panel.css";
import { render } from "preact";
import { App } from "./app";
import { connectToPlugin } from "./bridge";

const root = document.getElementById("app");
if (root !== null) {
  // A message from the plugin that fails validation is a bug between the two sides, not the person's doing.
  const bridge = connectToPlugin((error) => console.warn(error));
  render(<App bridge={bridge} />, root);
}
