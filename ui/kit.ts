/**
 * The @create-figma-plugin/ui components the panel uses, imported file by file.
 *
 * Why not `from "./kit"`: esbuild drops the unused components' JavaScript but not
 * the CSS modules they import, so the package index puts every component's stylesheet (about 14 kB)
 * into dist/ui.html, which has a 250 kB budget. The package's `exports` map allows no deep import, so
 * the files are named by their path in node_modules.
 */

export { Button } from "../node_modules/@create-figma-plugin/ui/lib/components/button/button.js";
export { FileUploadButton } from "../node_modules/@create-figma-plugin/ui/lib/components/file-upload/file-upload-button/file-upload-button.js";
export { IconButton } from "../node_modules/@create-figma-plugin/ui/lib/components/icon-button/icon-button.js";
export { IconChevronDown16 } from "../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-chevron-down-16.js";
export { IconCross32 as IconClose } from "../node_modules/@create-figma-plugin/ui/lib/icons/icon-32/icon-cross-32.js";
export { IconPlus32 as IconPlus } from "../node_modules/@create-figma-plugin/ui/lib/icons/icon-32/icon-plus-32.js";
