import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { RJSFSchema } from '@rjsf/utils';
import { SectionForm } from '../src/forms/SectionForm.tsx';
import { ApiError } from '../src/api/api-error.ts';
import type { Uploader } from '../src/api/upload.ts';
import { renderWithI18n } from './render-helpers.tsx';

const schema: RJSFSchema = {
  type: 'object',
  properties: {
    proof: { type: 'string', title: '证明材料', 'x-attachment': { maxSize: '3MB', accept: ['pdf'] } } as RJSFSchema,
  },
};

function fileOf(name: string, bytes: number, type = 'application/pdf'): File {
  const file = new File(['x'], name, { type });
  Object.defineProperty(file, 'size', { value: bytes });
  return file;
}

describe('attachment widget', () => {
  it('shows the limits before anything is uploaded', () => {
    renderWithI18n(<SectionForm schema={schema} initial={{ data: {}, version: 1 }} uploader={vi.fn()} />);
    expect(screen.getByTestId('attachment-limits').textContent).toBe('PDF，不超过 3 MB');
  });

  it('refuses a file over the limit without uploading it, and says why', () => {
    const uploader = vi.fn<Uploader>();
    renderWithI18n(<SectionForm schema={schema} initial={{ data: {}, version: 1 }} uploader={uploader} />);
    fireEvent.change(screen.getByTestId('root_proof__input'), { target: { files: [fileOf('场地证明.pdf', 5 * 1024 * 1024)] } });
    expect(screen.getByRole('alert').textContent).toContain('“场地证明.pdf”大小为 5 MB，超过了 3 MB 的限制');
    expect(uploader).not.toHaveBeenCalled();
  });

  it('refuses a wrong type', () => {
    renderWithI18n(<SectionForm schema={schema} initial={{ data: {}, version: 1 }} uploader={vi.fn()} />);
    fireEvent.change(screen.getByTestId('root_proof__input'), { target: { files: [fileOf('photo.png', 1000, 'image/png')] } });
    expect(screen.getByRole('alert').textContent).toContain('只能上传 PDF 格式的文件');
  });

  it('uploads an accepted file with the field pointer, then links it for viewing in a new tab', async () => {
    const uploader = vi.fn<Uploader>(async (file, _fields, options) => {
      options?.onProgress?.(0.5);
      return { id: 'att-1', name: file.name, size: file.size, fileType: 'pdf' };
    });
    renderWithI18n(<SectionForm schema={schema} initial={{ data: {}, version: 1 }} uploader={uploader} upload={{ purpose: 'application', applicationId: 'app-1' }} />);
    await act(async () => {
      fireEvent.change(screen.getByTestId('root_proof__input'), { target: { files: [fileOf('lease.pdf', 2000)] } });
    });
    expect(uploader.mock.calls[0]?.[1]).toEqual({ purpose: 'application', applicationId: 'app-1', fieldPointer: '/proof' });
    const link = await screen.findByRole('link', { name: /lease\.pdf/ });
    expect(link.getAttribute('href')).toBe('/api/files/att-1?inline=1');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it("shows the server's refusal in the user's language", async () => {
    const uploader = vi.fn<Uploader>(async () => {
      throw new ApiError('SB_ERR_FILE_TYPE', { zh: '文件内容不是 PDF', en: 'The file content is not a PDF' });
    });
    renderWithI18n(<SectionForm schema={schema} initial={{ data: {}, version: 1 }} uploader={uploader} />, 'en');
    await act(async () => {
      fireEvent.change(screen.getByTestId('root_proof__input'), { target: { files: [fileOf('fake.pdf', 2000)] } });
    });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The file was not accepted: The file content is not a PDF'));
  });
});
