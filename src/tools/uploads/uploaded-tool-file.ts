/** The part of a multer disk upload the tools module reads. */
export interface UploadedToolFile {
  /** The client's file name: shown back in results, never used as a path. */
  originalname: string;
  size: number;
  /** Where multer stored it, under a random name in TOOLS_UPLOAD_DIR. */
  path: string;
}
