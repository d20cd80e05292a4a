import Taro from '@tarojs/taro';
import type { PickedFile } from '../services/request';

/** Asks the platform for one spreadsheet: a chat file on the mini-program, a file input on H5. */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
      input.onchange = () => {
        const file = input.files?.[0];
        resolve(file ? { name: file.name, file } : null);
      };
      input.click();
    });
  }
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
    .then((result) => {
      const file = result.tempFiles[0];
      return file ? { name: file.name, path: file.path } : null;
    })
    .catch(() => null);
}
