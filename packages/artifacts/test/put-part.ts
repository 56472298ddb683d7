/** The client's side of a presigned part upload, as MLflow's `_upload_part` does it: PUT the bytes, keep the ETag. */
export async function putPart(url: string, body: Buffer, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { method: "PUT", body, headers });
  if (!response.ok) throw new Error(`part upload failed: ${response.status} ${await response.text()}`);
  return response.headers.get("etag") ?? "";
}
