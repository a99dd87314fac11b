"""Opening an uploaded ``.xlsx`` safely: it must be a zip archive of reasonable size and
expansion before openpyxl (with defusedxml against XML entity bombs) reads it.

A zip bomb is a small file that expands enormously; its central directory says so before
anything is decompressed, so the limits below are checked on the directory alone.
"""

from __future__ import annotations

import io
import zipfile

from .problems import Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 1000


def check_archive(data: bytes, name: str) -> Problem | None:
    """None if ``data`` may be given to openpyxl, else the problem (located at the file)."""
    if len(data) > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // 2**20
        return Problem(name, f"文件超过 {mb} MB，不是本工具生成的工作簿", f"the file is larger than {mb} MB; not a workbook of this tool")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return Problem(
            name,
            "不是 Excel 工作簿（.xlsx 文件应为 zip 压缩包）；请用 Excel 或 WPS 另存为 .xlsx",
            "not an Excel workbook (an .xlsx file is a zip archive); save it as .xlsx from Excel or WPS",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return Problem(name, f"zip 压缩包已损坏（{exc}）", f"the zip archive is damaged ({exc})")
    if len(infos) > MAX_MEMBERS:
        return Problem(name, f"压缩包内文件过多（{len(infos)} 个）", f"too many members in the archive ({len(infos)})")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > 10 * 2**20 and total / packed > MAX_RATIO):
        return Problem(
            name,
            f"解压后达 {total // 2**20} MB（压缩比 {total // packed}:1），疑似 zip 炸弹，已拒绝",
            f"expands to {total // 2**20} MB (ratio {total // packed}:1), a likely zip bomb; refused",
        )
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        return Problem(
            name, "zip 压缩包中没有 Excel 工作簿（缺少 xl/workbook.xml）", "the zip archive holds no Excel workbook (no xl/workbook.xml)"
        )
    return None
