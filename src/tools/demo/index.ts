export {
  TOOL_CLASS_NAMES,
  TOOL_GLYPHS,
  toolGlyph,
  type ToolClassName,
  type ToolGlyph,
} from './tool-glyphs';
export { layoutToolkit, type ToolkitLayoutOptions } from './toolkit-layout';
export {
  GLYPH_SIZE_RANGE,
  glyphExtent,
  renderToolkitPhoto,
  type ToolkitPhoto,
  type ToolkitPhotoOptions,
  type ToolPlacement,
  type ToolTruth,
} from './toolkit-photo';
