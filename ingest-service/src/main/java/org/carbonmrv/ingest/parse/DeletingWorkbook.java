package org.carbonmrv.ingest.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Date1904Support;
import org.apache.poi.ss.usermodel.Workbook;

/** A workbook read from a private copy of the file: closing it deletes the copy. */
@io.quarkus.runtime.annotations.RegisterForProxy(targets = {Workbook.class, Date1904Support.class})
final class DeletingWorkbook implements InvocationHandler {

    private final Workbook workbook;
    private final Path copy;

    private DeletingWorkbook(Workbook workbook, Path copy) {
        this.workbook = workbook;
        this.copy = copy;
    }

    /** {@code workbook} as a {@link Workbook} (and {@link Date1904Support}, as the streaming reader's is). */
    static Workbook of(Workbook workbook, Path copy) {
        return (Workbook) Proxy.newProxyInstance(DeletingWorkbook.class.getClassLoader(), new Class<?>[] {
            Workbook.class, Date1904Support.class}, new DeletingWorkbook(workbook, copy));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("isDate1904") && method.getParameterCount() == 0) {
            return workbook instanceof Date1904Support d && d.isDate1904();
        }
        try {
            return method.invoke(workbook, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                delete();
            }
        }
    }

    private void delete() {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
