/** The panel's entry: Figma's look (base styles and, outside Figma, its theme variables), then the app. */
import "@create-figma-plugin/ui/css/theme.css";
import "@create-figma-plugin/ui/css/base.css";
import "./panel.css";
import { render } from "preact";
import { App } from "./app";
import { connectToPlugin } from "./bridge";

const root = document.getElementById("app");
if (root !== null) {
  const bridge = connectToPlugin((error) => console.warn(error));
  render(<App bridge={bridge} />, root);
}
