/** One entry of an artifact listing. `file_size` is absent for directories. */
export interface FileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}
